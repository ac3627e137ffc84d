namespace HotlineDispatch.WeChat;

/// <summary>
/// Held in memory only, kept active for the window: a nonce is worth remembering only while its timestamp would be
/// accepted, and a silo that restarts loses at most one window's memory, not a stored row per message.
/// </summary>
public sealed class RequestNonceGrain : Grain, IRequestNonceGrain
{
    private string? _fingerprint;

    public Task<bool> Claim(string fingerprint, TimeSpan window)
    {
        if (_fingerprint is null)
        {
            _fingerprint = fingerprint;
            DelayDeactivation(window);
        }

        return Task.FromResult(_fingerprint == fingerprint);
    }
}
