package io.orgvault.sandbox.seccomp;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs inside a sandbox: starts threads and opens a loopback connection. */
public final class ThreadsProbe {
  public static void main(String[] args) throws Exception {
    AtomicInteger ran = new AtomicInteger();
    Thread[] threads = new Thread[8];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = new Thread(ran::incrementAndGet);
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    System.out.println("threads " + ran.get());
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket c = new Socket(InetAddress.getLoopbackAddress(), s.getLocalPort());
        Socket a = s.accept()) {
      System.out.println("loopback ok");
    }
  }
}
