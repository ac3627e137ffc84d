namespace HotlineDispatch.WeChat;

/// <summary>
/// One signed request's nonce (keyed by channel, timestamp and nonce) for as long as its timestamp is inside the
/// window: a signature over the query alone would otherwise sign any body posted with that query again.
/// </summary>
[Alias("hotline.IRequestNonceGrain")]
public interface IRequestNonceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Whether this nonce may carry a body of this fingerprint: true for its first body and for a retry of that same
    /// body, false for any other body (a replay of the query).
    /// </summary>
    [Alias("Claim")]
    Task<bool> Claim(string fingerprint, TimeSpan window);
}
