# Figure 4: LAPO + O3F against IQL, CQL and AWAC, offline then online, one panel per task.
# The offline phase (K updates) is drawn compressed into the left third of each panel, before
# online step 0; the online phase (T steps) fills the rest. Mean over seeds, min–max band.
# Called by Chapter 4's executable:
#   gnuplot -e "datadir='figures/data/figure4'; preset='quick'; tasks='…'; offline_steps='2000'; online_steps='500'; out='figures/figure4'" figures/figure4.gp
if (!exists("datadir")) datadir = "figures/data/figure4"
if (!exists("preset")) preset = "quick"
if (!exists("tasks")) tasks = "halfcheetah-random-v2"
if (!exists("out")) out = "figures/figure4"
if (!exists("offline_steps")) offline_steps = "2000"
if (!exists("online_steps")) online_steps = "500"
load "figures/style.gp"

K = real(offline_steps)
T = real(online_steps)
# Offline step s ∈ [−K, 0] is drawn at s·(T/2)/K: the offline phase takes a third of the axis.
x(step) = (step < 0 ? step * (T / 2.0) / K : step) / 1000.0
caption = system(sprintf("cat '%s/caption-%s.txt' 2>/dev/null", datadir, preset))
n = words(tasks)
columns = (n <= 2 ? n : (n <= 4 ? 2 : 3))
rows = int(ceil(real(n) / columns))
width = max(max(430 * columns + 80, 960), caption_width(caption, 0.7))
height = 330 * rows + 110
online(task, method) = sprintf("%s/%s-%s-%s.tsv", datadir, task, method, preset)
offline(task, algorithm) = sprintf("%s/%s-%s-offline-%s.tsv", datadir, task, algorithm, preset)

set xlabel "online environment steps"
set format x "%gk"
set xtics 0, T / 5000.0
set arrow from 0, graph 0 to 0, graph 1 nohead lc rgb "#999999" dt 2
set label sprintf("offline: %d updates", int(K)) at graph 0.02, graph 0.04 font ",8" textcolor rgb "#777777"
do for [format in "png pdf"] {
    if (format eq "png") {
        set terminal pngcairo size width, height font "DejaVu Sans,10" enhanced
    } else {
        set terminal pdfcairo size width / 50.0 cm, height / 50.0 cm font "DejaVu Sans,8" enhanced
    }
    set output sprintf("%s.%s", out, format)
    set multiplot layout rows, columns title sprintf("Offline-to-online: LAPO + O3F against IQL, CQL and AWAC\n{/*0.7 %s}", caption) font ",12"
    do for [i = 1:n] {
        task = word(tasks, i)
        set title task font ",10"
        eval score_axis(task)
        if (i == 1) { set key top left } else { unset key }
        plot for [m in "lapo iql cql awac"] offline(task, m) using (x($1)):3:4 with filledcurves lc rgb value(sprintf("color_%s", m)) notitle, \
             for [m in "lapo iql cql awac"] offline(task, m) using (x($1)):2 with lines lw 1.5 dt 2 lc rgb value(sprintf("color_%s", m)) notitle, \
             online(task, "lapo+o3f") using (x($1)):3:4 with filledcurves lc rgb color_lapo notitle, \
             online(task, "iql+policy") using (x($1)):3:4 with filledcurves lc rgb color_iql notitle, \
             online(task, "cql+policy") using (x($1)):3:4 with filledcurves lc rgb color_cql notitle, \
             online(task, "awac+policy") using (x($1)):3:4 with filledcurves lc rgb color_awac notitle, \
             online(task, "lapo+o3f") using (x($1)):2 with lines lw 2.5 lc rgb color_lapo title "LAPO + O3F", \
             online(task, "iql+policy") using (x($1)):2 with lines lw 2 lc rgb color_iql title "IQL", \
             online(task, "cql+policy") using (x($1)):2 with lines lw 2 lc rgb color_cql title "CQL", \
             online(task, "awac+policy") using (x($1)):2 with lines lw 2 lc rgb color_awac title "AWAC"
    }
    unset multiplot
    set output
}
