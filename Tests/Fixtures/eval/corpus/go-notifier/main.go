package main

import (
	"bytes"
	"net/http"
	"os"
)

const (
	slackHook   = "https://hooks.slack.com/services/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"
	discordHook = "https://discord.com/api/webhooks/1385075675785459331/Z5hv4ye6E18Y0uWwM8FggpBX7jy2PETBgzN7TqLRgJ9v5uVSkHdD7EvI_6KIkqVHeOXA"
	tgToken     = "1747650901:AAyszR663RwehbbDv341Hev0GUAANnvf3ty"
	buildSHA    = "fa5e6d8f13db389a867fcf6cb035063f31fdf08f"
)

var githubAppToken = "ghs_uJzAFb2nmLryADXX3IuXcqfpKzTFFB11Dxsc"
var sendgridKey = os.Getenv("SENDGRID_API_KEY")

func notify(url, body string) error {
	_, err := http.Post(url, "application/json", bytes.NewBufferString(body))
	return err
}

func main() {
	_ = notify(slackHook, `{"text":"deploy finished"}`)
	_ = notify(discordHook, `{"content":"deploy finished"}`)
	_ = os.Getenv("HOME")
}
