//go:build unix && !linux

package main

import (
	"errors"
	"syscall"
)

// childAttr puts a child in its own process group, so it and whatever it starts end together.
func childAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setpgid: true} }

// cmdline is unknown here: without it no stale process is taken for devstack's.
func cmdline(int) ([]string, error) { return nil, errors.ErrUnsupported }

func alive(pid int) bool { return pid > 0 && syscall.Kill(pid, 0) == nil }

func getpgid(pid int) (int, error) { return syscall.Getpgid(pid) }

func portOwner(int) int { return 0 }
