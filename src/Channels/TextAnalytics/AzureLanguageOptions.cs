namespace HotlineDispatch.Channels.TextAnalytics;

/// <summary>The <c>Hotline:TextAnalytics</c> settings: an Azure AI Language resource, or nothing for the local analysis.</summary>
public sealed class AzureLanguageOptions
{
    /// <summary>e.g. <c>https://my-language.cognitiveservices.azure.com</c>.</summary>
    public string? Endpoint { get; set; }

    public string? Key { get; set; }

    /// <summary>Tries of one request answered 429 before giving up (Retry-After is honoured between tries).</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The longest wait a Retry-After may ask for before we give up instead of blocking the caller.</summary>
    public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Key);
}
