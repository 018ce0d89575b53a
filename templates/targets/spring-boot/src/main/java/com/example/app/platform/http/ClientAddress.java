package com.example.app.platform.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The client's address: the socket peer, or with TRUST_PROXY_HOPS=n the n-th address from the right
 * of X-Forwarded-For (each trusted proxy appends the address it received from). Forwarded headers
 * from untrusted peers are ignored (contract C63).
 */
public final class ClientAddress {

  private ClientAddress() {}

  public static String resolve(HttpServletRequest request, int trustedHops) {
    String peer = request.getRemoteAddr();
    if (trustedHops == 0) return peer;
    List<String> chain = new ArrayList<>();
    for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
      for (String part : header.split(",")) if (!part.isBlank()) chain.add(part.trim());
    }
    if (chain.isEmpty()) return peer;
    int index = Math.max(0, chain.size() - trustedHops);
    return chain.get(index);
  }

  /** Whether the original request was HTTPS, as told by a trusted proxy (HSTS, contract C50). */
  public static boolean isHttps(HttpServletRequest request, int trustedHops) {
    if (request.isSecure()) return true;
    if (trustedHops == 0) return false;
    String proto = request.getHeader("X-Forwarded-Proto");
    if (proto == null) return false;
    String[] hops = proto.split(",");
    return "https".equalsIgnoreCase(hops[Math.max(0, hops.length - trustedHops)].trim());
  }
}
