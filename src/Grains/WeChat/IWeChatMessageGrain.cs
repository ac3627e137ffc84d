namespace HotlineDispatch.WeChat;

/// <summary>One WeChat message, keyed by <see cref="WeChatMessage.DeduplicationKey"/>: its retries all land here.</summary>
[Alias("hotline.IWeChatMessageGrain")]
public interface IWeChatMessageGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes the message in and answers it. When the answer is not ready within <paramref name="budget"/>
    /// (WeChat waits 5 s), answers <see cref="WeChatAnswer.Success"/> once the message is durable and
    /// sends the real answer through the outbox later. Every retry gets the same answer and creates nothing.
    /// </summary>
    [Alias("Take")]
    Task<WeChatAnswer> Take(WeChatMessage message, TimeSpan budget);

    /// <summary>The message as recorded, or null when none is (or it was forgotten).</summary>
    [Alias("Recorded")]
    Task<WeChatMessage?> Recorded();

    /// <summary>Deletes the record of the message (retention, or the resident's erasure) and stops its retries.</summary>
    [Alias("Forget")]
    Task Forget();
}
