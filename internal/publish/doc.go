// Package publish writes a built site into its output folder as one step: the
// new site is written into a staging folder beside the output and swapped in
// only when complete, so readers never see half a site, and a failed build
// leaves the previous one in place. It refuses to replace a folder that it
// did not write.
package publish
