// Command plansite builds a static, printable, offline progress website
// from a work plan and the monthly progress workbooks of its units.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/plansite/plansite/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
