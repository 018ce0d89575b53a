package health

import (
	"fmt"
	"net/http"
	"os"
	"time"
)

// CheckLocal is the image's HEALTHCHECK client: GET http://127.0.0.1:$PORT/livez, exit 0 on 200.
func CheckLocal(getenv func(string) string) int {
	port := getenv("PORT")
	if port == "" {
		port = "8080"
	}
	client := http.Client{Timeout: 2 * time.Second}
	resp, err := client.Get("http://127.0.0.1:" + port + "/livez")
	if err != nil {
		fmt.Fprintln(os.Stderr, "healthcheck:", err)
		return 1
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintln(os.Stderr, "healthcheck: status", resp.StatusCode)
		return 1
	}
	return 0
}
