package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/plansite/plansite/internal/content"
	"github.com/plansite/plansite/internal/demo"
)

// ExampleSeed is the seed of the example inbox in the repository.
const ExampleSeed = 2023

func runDemoInbox(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("demo-inbox", "[--content 目录] --out 目录 [--seed N]", stderr)
	contentDir := fs.String("content", "content", "内容目录")
	out := fs.String("out", "", "写入的文件夹（必须为空或不存在）")
	seed := fs.Uint64("seed", ExampleSeed, "随机种子：相同的种子生成相同的文件")
	if ok, code := parse(fs, args); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintln(stderr, "请用 --out 指定写入的文件夹。")
		return 2
	}
	plan, err := content.Load(*contentDir)
	if err != nil {
		return failContent(stderr, err)
	}
	files, err := demo.Inbox(plan, *seed)
	if err != nil {
		return fail(stderr, err)
	}
	if err := demo.Write(*out, files); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "已在 %s 生成 %d 个示例文件。\n", *out, len(files))
	return 0
}
