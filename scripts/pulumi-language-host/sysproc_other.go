//go:build !linux

package main

import "syscall"

// childSysProcAttr: without Pdeathsig the real host still exits on its own once the engine is gone
// (it health-checks the engine address).
func childSysProcAttr() *syscall.SysProcAttr { return nil }
