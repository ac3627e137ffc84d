namespace HotlineDispatch.Channels.Platform;

/// <summary><c>Hotline:Platform</c>: the upper (city or provincial) 12345 platform's shared secret and callback address (docs/platform.md).</summary>
public sealed class PlatformOptions
{
    public const string Section = "Hotline:Platform";

    /// <summary>Signs pushes down and callbacks up; without it no push is authentic and no callback is sent.</summary>
    public string? Secret { get; set; }

    /// <summary>Where every step the platform must know of is reported, signed the same way.</summary>
    public string? CallbackUrl { get; set; }

    public bool CanCallBack => !string.IsNullOrEmpty(Secret) && Uri.TryCreate(CallbackUrl, UriKind.Absolute, out _);
}
