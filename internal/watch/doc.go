// Package watch tells when the files under some folders have changed and
// then stopped changing: file-system events (fsnotify) where the system
// sends them, and a periodic scan for network shares where it does not. It
// is the only importer of fsnotify. It only reads.
package watch
