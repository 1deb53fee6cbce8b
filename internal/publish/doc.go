// Package publish writes a built site into its output folder as one step: the
// new site is written into a staging folder beside the output and swapped in
// only when complete, so readers never see half a site, and a failed build
// leaves the previous one in place. It refuses to replace a folder that it
// did not write, and any output in the wrong place (a file-system root,
// inside the content folder or the inbox) before it makes anything; an
// output that is a symbolic link is published into the folder it points
// to, and stays a link.
package publish
