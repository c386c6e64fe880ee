# Common style for the kit's figures: load it first from every figureN.gp.
# Learning curves: the mean over seeds as a line, the min–max band shaded behind it.
set encoding utf8
set border 3 lw 1 lc rgb "#444444"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#dddddd" lw 1 dt 1
set key top left samplen 2 spacing 1.1 textcolor rgb "#222222" noautotitle
set style fill transparent solid 0.20 noborder
set xlabel "Online environment steps" offset 0, 0.4
set ylabel "Normalised score" offset 1.2, 0

# Method colours, one per method across every figure.
color_o3f   = "#c0392b"
color_noise = "#2c7fb8"
color_iql   = "#2c7fb8"
color_lapo  = "#c0392b"
color_cql   = "#27ae60"
color_awac  = "#8e44ad"
color_sac   = "#e67e22"
color_extra = "#7f8c8d"

# x-axis in thousands of steps.
set format x "%gk"
kilo(x) = x / 1000.0

# Pixels a caption line needs in a title set in 12-point type scaled by `scale` (DejaVu Sans
# averages up to 0.7 of its size per character), with margins: figures widen to fit their
# provenance, which grows with the commits a figure's runs were made at.
caption_width(text, scale) = int(strlen(text) * 12 * scale * 0.7) + 60
max(a, b) = (a > b ? a : b)

# The y-axis of a task's panel, as commands to `eval`: AntMaze's score is a success rate, drawn
# on the whole 0–100 range so "never" sits at the bottom; other tasks' normalised scores scale
# to their data.
score_axis(task) = (strstrt(task, "antmaze") == 1 \
    ? 'set yrange [-2:100]; set ylabel "Success rate (%)" offset 1.2, 0' \
    : 'set autoscale y; set ylabel "Normalised score" offset 1.2, 0')
