# Figure 5: IQL and LAPO fine-tuned online with O3F vs with Gaussian noise of the same σ.
# One panel per (algorithm, task): normalised score over online steps, mean over seeds with the
# min–max band; past three panels, IQL's on one row and LAPO's below. Called by Chapter 2's executable:
#   gnuplot -e "datadir='figures/data/figure5'; preset='quick'; tasks='halfcheetah-medium-v2'; lapo_tasks='halfcheetah-medium-v2'; out='figures/figure5'" figures/figure5.gp
if (!exists("datadir")) datadir = "figures/data/figure5"
if (!exists("preset")) preset = "quick"
if (!exists("tasks")) tasks = "halfcheetah-medium-v2"
if (!exists("lapo_tasks")) lapo_tasks = ""
if (!exists("out")) out = "figures/figure5"
load "figures/style.gp"

caption = system(sprintf("cat '%s/caption-%s.txt' 2>/dev/null", datadir, preset))
lapo_caption = system(sprintf("cat '%s/caption-lapo-%s.txt' 2>/dev/null", datadir, preset))
m = words(lapo_tasks)
# Each caption line gets its own smaller-font group: enhanced text does not carry a font
# change across a line break.
caption_lines = (m > 0 ? sprintf("{/*0.8 IQL: %s}\n{/*0.8 LAPO: %s}", caption, lapo_caption) : sprintf("{/*0.8 %s}", caption))
n = words(tasks) + m
# One row of panels, or with more than three an IQL row above a LAPO row.
rows = (m > 0 && n > 3 ? 2 : 1)
columns = (rows == 2 ? max(words(tasks), m) : n)
# One panel per arm pair, at least 960 px, and as wide as the longest provenance line.
caption_needs = (m > 0 ? max(caption_width("IQL: " . caption, 0.8), caption_width("LAPO: " . lapo_caption, 0.8)) : caption_width(caption, 0.8))
width = max(max(460 * columns + 80, 960), caption_needs)
file(task, arm) = sprintf("%s/%s-%s-%s.tsv", datadir, task, arm, preset)
# The i-th panel of the rows × columns grid: its algorithm and task ("" for an empty cell).
panel_algorithm(i) = (rows == 1 ? (i <= words(tasks) ? "iql" : "lapo") : (i <= columns ? "iql" : "lapo"))
panel_task(i) = (rows == 1 ? (i <= words(tasks) ? word(tasks, i) : word(lapo_tasks, i - words(tasks))) \
                           : (i <= columns ? word(tasks, i) : word(lapo_tasks, i - columns)))

do for [format in "png pdf"] {
    if (format eq "png") {
        set terminal pngcairo size width, 440 * rows font "DejaVu Sans,11" enhanced
    } else {
        set terminal pdfcairo size width / 50.0 cm, 8.8 * rows cm font "DejaVu Sans,9" enhanced
    }
    set output sprintf("%s.%s", out, format)
    set multiplot layout rows, columns title sprintf("Fine-tuning: O3F vs Gaussian noise\n%s", caption_lines) font ",12"
    do for [i = 1:rows * columns] {
        algorithm = panel_algorithm(i)
        task = panel_task(i)
        if (task eq "") {
            set multiplot next
        } else {
            set title sprintf("%s · %s", (algorithm eq "iql" ? "IQL" : "LAPO"), task) font ",11"
            eval score_axis(task)
            plot file(task, algorithm . "+o3f") using (kilo($1)):3:4 with filledcurves lc rgb color_o3f notitle, \
                 file(task, algorithm . "+noise") using (kilo($1)):3:4 with filledcurves lc rgb color_noise notitle, \
                 file(task, algorithm . "+o3f") using (kilo($1)):2 with lines lw 2.5 lc rgb color_o3f title "O3F", \
                 file(task, algorithm . "+noise") using (kilo($1)):2 with lines lw 2.5 lc rgb color_noise title "Gaussian noise"
        }
    }
    unset multiplot
    set output
}
