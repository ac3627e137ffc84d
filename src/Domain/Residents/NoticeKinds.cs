namespace HotlineDispatch.Residents;

/// <summary>The kinds of message to a resident, as stored in the outbox and shown by <c>GET /api/v1/outbox</c>.</summary>
public static class NoticeKinds
{
    public const string Receipt = "receipt";
    public const string Status = "status";
    public const string Result = "result";
    public const string Survey = "survey";

    /// <summary>The resident is told that a message the system failed to take in went to people instead.</summary>
    public const string HandedOver = "handedOver";
}
