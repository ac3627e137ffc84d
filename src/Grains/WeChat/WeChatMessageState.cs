namespace HotlineDispatch.WeChat;

/// <summary>The durable record of one WeChat message: what came, the ticket number reserved for it, and what it was answered.</summary>
[GenerateSerializer, Alias("hotline.wechat-message-state.v1")]
public sealed class WeChatMessageState
{
    [Id(0)] public WeChatMessage? Message { get; set; }

    /// <summary>Reserved before the ticket is accepted, so a retry after a crash finds the same ticket.</summary>
    [Id(1)] public string? TicketId { get; set; }

    [Id(2)] public bool Answered { get; set; }

    [Id(3)] public string? Reply { get; set; }

    /// <summary>WeChat was told <c>success</c> before the reply was ready: the reply goes through the outbox.</summary>
    [Id(4)] public bool Late { get; set; }

    [Id(5)] public bool LateReplyQueued { get; set; }

    /// <summary>For a survey answer: the ticket it rates, chosen once, so a retry rates the same one.</summary>
    [Id(6)] public string? RatedTicketId { get; set; }

    /// <summary>Attempts that failed after the message was recorded; they set the pause before the next (<see cref="WeChatRetry"/>).</summary>
    [Id(7)] public int Failures { get; set; }

    /// <summary>Every attempt failed: the message is on the alert board for people and is no longer retried.</summary>
    [Id(8)] public bool Parked { get; set; }
}
