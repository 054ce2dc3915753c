package main

import "syscall"

// childSysProcAttr makes the kernel stop the real host if this proxy dies without cleaning up.
func childSysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
