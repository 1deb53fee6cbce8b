package cli

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"syscall"
)

// said is err's text for the clerk: the system's English part of it (a
// file operation that failed: "open D:\报送\x.xlsx: permission denied")
// said in Chinese ("无法打开 D:\报送\x.xlsx：没有权限"), the rest as it is
// (plansite's own messages are Chinese already).
func said(err error) string {
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return strings.Replace(msg, pe.Error(), pathError(pe.Op, pe.Path, pe.Err), 1)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return strings.Replace(msg, le.Error(), pathError(le.Op, le.Old+" → "+le.New, le.Err), 1)
	}
	return msg
}

// opWords are the operations of fs.PathError and os.LinkError in words.
var opWords = map[string]string{
	"open": "打开", "stat": "读取", "lstat": "读取", "read": "读取", "readdir": "读取文件夹",
	"write": "写入", "mkdir": "新建文件夹", "remove": "删除", "unlinkat": "删除", "rename": "改名",
	"chmod": "设置权限", "chtimes": "设置时间", "symlink": "建立链接", "link": "建立链接", "close": "关闭",
}

func pathError(op, path string, err error) string {
	verb, ok := opWords[op]
	if !ok {
		verb = op
	}
	why := err.Error()
	switch {
	case errors.Is(err, fs.ErrNotExist):
		why = "文件或文件夹不存在"
	case errors.Is(err, fs.ErrPermission):
		why = "没有权限（请检查文件夹的权限，或换一个位置；文件在 Excel 或 WPS 中打开着时也会这样）"
	case errors.Is(err, fs.ErrExist):
		why = "已经存在"
	case errors.Is(err, syscall.ENOSPC):
		why = "磁盘已满"
	case errors.Is(err, syscall.ENOTDIR):
		why = "路径中有一段是文件，不是文件夹"
	case errors.Is(err, syscall.EISDIR):
		why = "这是文件夹，不是文件"
	case errors.Is(err, syscall.EROFS):
		why = "只读的磁盘或共享文件夹"
	}
	return "无法" + verb + " " + path + "：" + why
}
