package dev.boreal.cli.serve;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client over one kept-alive socket, for the load test: it writes a request and reads
 * the status line, the headers and a Content-Length body, nothing more. Much lighter than
 * {@code java.net.http.HttpClient}, so the latencies measured are mostly the server's. Not thread-safe:
 * one per client thread.
 */
final class KeepAliveClient implements AutoCloseable {
  /** An answer: the status code, the body as text, and whether the server closes the connection after it. */
  record Response(int status, String body, boolean closes) {}

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  KeepAliveClient(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** Sends {@code POST path} with a JSON body and reads the answer; reconnects when the server closed. */
  Response post(String path, byte[] body) throws IOException {
    if (socket == null) {
      socket = new Socket(host, port);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      in = new BufferedInputStream(socket.getInputStream());
      out = new BufferedOutputStream(socket.getOutputStream());
    }
    String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    Response response = readAnswer(in);
    if (response.closes()) {
      close();
    }
    return response;
  }

  /** Reads one answer from {@code in}: the status line, the headers and a Content-Length body. */
  static Response readAnswer(InputStream in) throws IOException {
    String status = line(in);
    int code = Integer.parseInt(status.split(" ")[1]);
    int length = -1;
    boolean close = false;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(lower.substring("content-length:".length()).trim());
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      }
    }
    if (length < 0) {
      throw new IOException("the answer has no Content-Length");
    }
    byte[] answer = in.readNBytes(length);
    if (answer.length < length) {
      throw new EOFException("the answer ended after " + answer.length + " of " + length + " bytes");
    }
    return new Response(code, new String(answer, StandardCharsets.UTF_8), close);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("the connection closed in the middle of an answer");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.close();
      socket = null;
    }
  }
}
