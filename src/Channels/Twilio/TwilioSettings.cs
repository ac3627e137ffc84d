namespace HotlineDispatch.Channels.Twilio;

/// <summary><c>Hotline:Twilio</c>: the account that signs webhooks and sends SMS.</summary>
public sealed class TwilioSettings
{
    public const string Section = "Hotline:Twilio";

    public string? AccountSid { get; set; }

    /// <summary>Signs every webhook; without it no Twilio request is accepted.</summary>
    public string? AuthToken { get; set; }

    public string? FromNumber { get; set; }

    /// <summary>Sends from a messaging service instead of <see cref="FromNumber"/> when set.</summary>
    public string? MessagingServiceSid { get; set; }

    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    public bool CanSend =>
        !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthToken)
        && (!string.IsNullOrWhiteSpace(FromNumber) || !string.IsNullOrWhiteSpace(MessagingServiceSid));
}
