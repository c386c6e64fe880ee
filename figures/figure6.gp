# Figure 6: LAPO + O3F scoring candidates with the critics' mean (ω = 0) or mean plus spread (ω = 1).
# One panel per task: normalised score over online steps, mean over seeds with the min–max band.
# Called by Chapter 3's executable:
#   gnuplot -e "datadir='figures/data/figure6'; preset='quick'; tasks='halfcheetah-medium-v2'; out='figures/figure6'" figures/figure6.gp
if (!exists("datadir")) datadir = "figures/data/figure6"
if (!exists("preset")) preset = "quick"
if (!exists("tasks")) tasks = "halfcheetah-medium-v2"
if (!exists("out")) out = "figures/figure6"
load "figures/style.gp"

caption = system(sprintf("cat '%s/caption-%s.txt' 2>/dev/null", datadir, preset))
n = words(tasks)
width = max(max(460 * n + 80, 960), caption_width(caption, 0.8))
file(task, arm) = sprintf("%s/%s-%s-%s.tsv", datadir, task, arm, preset)

do for [format in "png pdf"] {
    if (format eq "png") {
        set terminal pngcairo size width, 440 font "DejaVu Sans,11" enhanced
    } else {
        set terminal pdfcairo size width / 50.0 cm, 8.8 cm font "DejaVu Sans,9" enhanced
    }
    set output sprintf("%s.%s", out, format)
    set multiplot layout 1, n title sprintf("LAPO + O3F: scoring by the critics' mean (ω = 0) or mean + spread (ω = 1)\n{/*0.8 %s}", caption) font ",12"
    do for [i = 1:n] {
        task = word(tasks, i)
        set title task font ",11"
        eval score_axis(task)
        plot file(task, "lapo+o3f-omega1") using (kilo($1)):3:4 with filledcurves lc rgb color_o3f notitle, \
             file(task, "lapo+o3f") using (kilo($1)):3:4 with filledcurves lc rgb color_noise notitle, \
             file(task, "lapo+o3f-omega1") using (kilo($1)):2 with lines lw 2.5 lc rgb color_o3f title "ω = 1", \
             file(task, "lapo+o3f") using (kilo($1)):2 with lines lw 2.5 lc rgb color_noise title "ω = 0"
    }
    unset multiplot
    set output
}
