namespace HotlineDispatch.Channels.TextAnalytics;

/// <summary>A request Azure AI Language refused as a whole: its HTTP status and the service's error code and message.</summary>
public class AzureLanguageException(int status, string? code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string? Code { get; } = code;
}

/// <summary>403: the resource's quota is used up. Waiting does not help within the caller's time, so nothing retries it.</summary>
public sealed class AzureLanguageQuotaException(string? code, string message) : AzureLanguageException(403, code, message);
