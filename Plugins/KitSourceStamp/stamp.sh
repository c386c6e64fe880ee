#!/bin/sh
# stamp.sh ROOT OUT: writes to OUT the Swift file that tells a binary which code it was built
# from: the checkout's commit and whether the compiled files (Package.swift, Sources, Plugins,
# the chapters' Swift files; not their READMEs) had uncommitted changes. OUT is rewritten only when its text changes, so a build
# that reruns this (after any commit, checkout or edit) recompiles nothing when nothing moved.
set -u
root=$1 out=$2
commit=$(git -C "$root" rev-parse HEAD 2>/dev/null) || commit=unknown
dirty=false
# --no-optional-locks: a build must not take index.lock from a commit being made meanwhile.
if changes=$(git -C "$root" --no-optional-locks status --porcelain --untracked-files=no -- Package.swift Sources Plugins 'Chapters/*.swift' 2>/dev/null); then
    [ -n "$changes" ] && dirty=true
fi
text="// Generated at build time by Plugins/KitSourceStamp/stamp.sh; not a file to edit.
extension KitSource {
    public static let commit = \"$commit\"
    public static let treeDirty = $dirty
}"
if [ "$(cat "$out" 2>/dev/null)" != "$text" ]; then
    printf '%s\n' "$text" > "$out.tmp" && mv "$out.tmp" "$out"
fi
