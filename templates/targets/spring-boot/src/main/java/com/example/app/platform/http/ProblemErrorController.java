package com.example.app.platform.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Errors raised outside Spring MVC (the servlet container's own error dispatch) also answer with
 * problem+json instead of Spring Boot's default error JSON.
 */
@Controller
public class ProblemErrorController implements ErrorController {

  @RequestMapping("/error")
  public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = HttpStatus.resolve(code instanceof Integer value ? value : 500);
    if (status == null || !status.isError()) status = HttpStatus.INTERNAL_SERVER_ERROR;
    SecurityHeaders.apply(response, false);
    Problems.write(request, response, status, status.getReasonPhrase());
  }
}
