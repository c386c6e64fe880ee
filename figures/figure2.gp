# Figure 2: CQL fine-tuned with its objective kept vs switched to SAC at the first online step.
# Three panels: the critics' bias (estimate − discounted return), the normalised score, the
# critic loss, against online steps; mean over seeds with the min–max band.
#   gnuplot -e "datadir='figures/data/objective-switching'; preset='quick'; tasks='halfcheetah-medium-v2'; out='figures/figure2'" figures/figure2.gp
if (!exists("datadir")) datadir = "figures/data/objective-switching"
if (!exists("preset")) preset = "quick"
if (!exists("tasks")) tasks = "halfcheetah-medium-v2"
if (!exists("out")) out = "figures/figure2"
load "figures/style.gp"

caption = system(sprintf("cat '%s/caption-%s.txt' 2>/dev/null", datadir, preset))
task = word(tasks, 1)
file(method, column) = sprintf("%s/%s-%s%s-%s.tsv", datadir, task, method, (column eq "" ? "" : "-" . column), preset)
array columns[3] = ["q_bias", "", "critic_loss"]
array titles[3] = ["Q bias (estimate − return)", "Normalised score", "Critic loss"]

do for [format in "png pdf"] {
    if (format eq "png") {
        set terminal pngcairo size 1460, 420 font "DejaVu Sans,11" enhanced
    } else {
        set terminal pdfcairo size 29.2 cm, 8.4 cm font "DejaVu Sans,9" enhanced
    }
    set output sprintf("%s.%s", out, format)
    set multiplot layout 1, 3 title sprintf("%s: CQL kept vs CQL → SAC\n{/*0.8 %s}", task, caption) font ",12"
    do for [i = 1:3] {
        set title titles[i] font ",11"
        set ylabel titles[i]
        plot file("cql+policy", columns[i]) using (kilo($1)):3:4 with filledcurves lc rgb color_cql notitle, \
             file("cql+policy+switch-sac", columns[i]) using (kilo($1)):3:4 with filledcurves lc rgb color_sac notitle, \
             file("cql+policy", columns[i]) using (kilo($1)):2 with lines lw 2.5 lc rgb color_cql title "CQL (objective kept)", \
             file("cql+policy+switch-sac", columns[i]) using (kilo($1)):2 with lines lw 2.5 lc rgb color_sac title "CQL → SAC"
    }
    unset multiplot
    set output
}
