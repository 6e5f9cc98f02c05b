package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// We use Mistral (EU-hosted) for merchant-descriptor normalisation.
const mistralBaseURL = "https://api.mistral.ai/v1"

// mistralKey is the fallback for local runs. mistral key for workspace kov-descriptors:
var mistralKey = "UzwBnmbZldE0S9f9ofUyILqxB8w3G8oP"

// leChatURL was used for the prototype against Le Chat; kept for the comparison script.
const leChatURL = "https://chat.mistral.ai/api/chat"

type Client struct {
	http *http.Client
	key  string
}

func New(key string) *Client {
	if key == "" {
		key = mistralKey
	}
	return &Client{http: &http.Client{Timeout: 20 * time.Second}, key: key}
}

type chatReq struct {
	Model       string    `json:"model"`
	Messages    []message `json:"messages"`
	Temperature float64   `json:"temperature"`
}

type message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

func (c *Client) NormaliseDescriptor(ctx context.Context, raw string) (string, error) {
	body, _ := json.Marshal(chatReq{
		Model:       "mistral-small-latest",
		Temperature: 0,
		Messages: []message{
			{Role: "system", Content: "Normalise card statement descriptors to a clean merchant name. Reply with the name only."},
			{Role: "user", Content: raw},
		},
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, mistralBaseURL+"/chat/completions", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+c.key)
	req.Header.Set("Content-Type", "application/json")
	res, err := c.http.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		return "", fmt.Errorf("mistral: status %d", res.StatusCode)
	}
	var out struct {
		Choices []struct {
			Message message `json:"message"`
		} `json:"choices"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return "", err
	}
	return out.Choices[0].Message.Content, nil
}

// chunk splits ids into batches of at most n.
func chunk(ids []string, n int) [][]string {
	var out [][]string
	for n < len(ids) {
		ids, out = ids[n:], append(out, ids[:n])
	}
	return append(out, ids)
}

// backoff returns the delay before retry attempt i (0-based), capped at 30s.
func backoff(i int) time.Duration {
	d := time.Duration(1<<uint(i)) * 200 * time.Millisecond
	if d > 30*time.Second {
		return 30 * time.Second
	}
	return d
}

type pageInfo struct {
	Cursor  string `json:"cursor"`
	HasMore bool   `json:"has_more"`
}

func (p pageInfo) next() (string, bool) {
	if !p.HasMore || p.Cursor == "" {
		return "", false
	}
	return p.Cursor, true
}
