# Figure 3: CQL, AWAC and IQL fine-tuned with the objective fixed, loosened abruptly at the
# first online step, or loosened linearly over the online phase (CQL threshold 5 → 0.5,
# AWAC λ 1 → 0.1, IQL expectile 0.7 → 0.85). Normalised score against online steps.
#   gnuplot -e "datadir='figures/data/objective-switching'; preset='quick'; tasks='halfcheetah-medium-v2'; out='figures/figure3'" figures/figure3.gp
if (!exists("datadir")) datadir = "figures/data/objective-switching"
if (!exists("preset")) preset = "quick"
if (!exists("tasks")) tasks = "halfcheetah-medium-v2"
if (!exists("out")) out = "figures/figure3"
load "figures/style.gp"

caption = system(sprintf("cat '%s/caption-%s.txt' 2>/dev/null", datadir, preset))
task = word(tasks, 1)
file(method) = sprintf("%s/%s-%s-%s.tsv", datadir, task, method, preset)
array algorithms[3] = ["cql", "awac", "iql"]
array names[3] = ["CQL: threshold 5 → 0.5", "AWAC: λ 1 → 0.1", "IQL: expectile 0.7 → 0.85"]

do for [format in "png pdf"] {
    if (format eq "png") {
        set terminal pngcairo size 1460, 420 font "DejaVu Sans,11" enhanced
    } else {
        set terminal pdfcairo size 29.2 cm, 8.4 cm font "DejaVu Sans,9" enhanced
    }
    set output sprintf("%s.%s", out, format)
    set multiplot layout 1, 3 title sprintf("%s: loosening the offline objective\n{/*0.8 %s}", task, caption) font ",12"
    do for [i = 1:3] {
        a = algorithms[i]
        set title names[i] font ",11"
        plot file(a . "+policy") using (kilo($1)):3:4 with filledcurves lc rgb color_extra notitle, \
             file(a . "+policy+abrupt") using (kilo($1)):3:4 with filledcurves lc rgb color_o3f notitle, \
             file(a . "+policy+linear") using (kilo($1)):3:4 with filledcurves lc rgb color_noise notitle, \
             file(a . "+policy") using (kilo($1)):2 with lines lw 2.5 lc rgb color_extra title "fixed", \
             file(a . "+policy+abrupt") using (kilo($1)):2 with lines lw 2.5 lc rgb color_o3f title "abrupt", \
             file(a . "+policy+linear") using (kilo($1)):2 with lines lw 2.5 lc rgb color_noise title "linear"
    }
    unset multiplot
    set output
}
