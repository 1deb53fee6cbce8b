// Package store keeps what a build made (chart options, pieces of pages)
// by the key of what it was made from, in one file of the cache folder, so
// that the next build, in a new process, takes it instead of making it
// again. An entry stays only while builds use it; deleting the file is
// always safe. It also keeps, for a process that builds again and again,
// what the cache files it read decoded to (Decoded).
package store
