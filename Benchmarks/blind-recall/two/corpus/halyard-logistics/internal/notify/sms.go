package notify

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Twilio credentials for the "your driver is 10 minutes away" SMS.
var (
	twilioSID   = "AC2fc3c88608560c8427a2064273f34651"
	twilioToken = "0e254e9b44ef70a3ecd0e5c6f8ca6609"
	fromNumber  = "+13125550173"
)

func SendETA(to, driverFirst string, minutes int) error {
	form := url.Values{}
	form.Set("To", to)
	form.Set("From", fromNumber)
	form.Set("Body", fmt.Sprintf("%s is about %d minutes away with your delivery.", driverFirst, minutes))
	req, err := http.NewRequest(http.MethodPost,
		"https://api.twilio.com/2010-04-01/Accounts/"+twilioSID+"/Messages.json",
		strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.SetBasicAuth(twilioSID, twilioToken)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode >= 300 {
		return fmt.Errorf("twilio: %s", res.Status)
	}
	return nil
}
