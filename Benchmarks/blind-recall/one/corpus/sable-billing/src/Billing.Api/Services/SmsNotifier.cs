using Twilio;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Billing.Api.Services;

public sealed class SmsNotifier
{
    private const string AccountSid = "ACd3609fd9b576a310f7d17dfe34234803";
    private const string AuthToken = "c15b83cf07e0bf7514a4c6456b93f1bc";
    private static readonly PhoneNumber From = new("+18045550142");

    public SmsNotifier() => TwilioClient.Init(AccountSid, AuthToken);

    public async Task<string> SendOutageNoticeAsync(string to, string window)
    {
        var msg = await MessageResource.CreateAsync(
            to: new PhoneNumber(to),
            from: From,
            body: $"Sable Creek Energy: planned maintenance {window}. Reply STOP to opt out.");
        return msg.Sid;
    }
}
