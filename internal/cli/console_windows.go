//go:build windows

package cli

import (
	"bufio"
	"os"
	"syscall"
	"unsafe"
)

// aloneInConsole reports whether plansite is the only process attached to
// its console window: a window opened for it alone, as when plansite.exe
// is double-clicked in Explorer, which closes as soon as it exits.
func aloneInConsole() bool {
	proc := syscall.NewLazyDLL("kernel32.dll").NewProc("GetConsoleProcessList")
	if proc.Find() != nil {
		return false
	}
	var ids [2]uint32
	n, _, _ := proc.Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	return n == 1
}

// waitForEnter waits until Enter is pressed in the console.
func waitForEnter() {
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
}
