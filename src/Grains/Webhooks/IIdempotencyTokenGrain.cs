namespace HotlineDispatch.Webhooks;

/// <summary>
/// A provider's idempotency token (Twilio's <c>I-Twilio-Idempotency-Token</c>), remembering the first
/// message it came with, so a retry carrying the token is answered as that message even if other fields differ.
/// </summary>
[Alias("hotline.IIdempotencyTokenGrain")]
public interface IIdempotencyTokenGrain : IGrainWithStringKey
{
    /// <summary>Returns the message key first claimed under this token: <paramref name="messageKey"/> on the first call.</summary>
    [Alias("Claim")]
    Task<string> Claim(string messageKey);
}
