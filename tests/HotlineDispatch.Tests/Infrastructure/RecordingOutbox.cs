using System.Collections.Concurrent;
using HotlineDispatch.Outbox;

namespace HotlineDispatch.Tests.Infrastructure;

/// <summary>
/// The channel tests' outbox in place of the SQL one: it records every message a feature enqueues, so
/// tests can see what residents would be sent, and can refuse them as a failing database would.
/// </summary>
public sealed class RecordingOutbox : IOutbox
{
    private readonly ConcurrentQueue<OutboundMessage> _messages = new();
    private readonly ConcurrentDictionary<string, bool> _refused = new();
    private int _next;

    public IReadOnlyList<OutboundMessage> Messages => _messages.ToArray();

    public IReadOnlyList<OutboundMessage> To(string replyTo) => Messages.Where(m => m.ReplyTo == replyTo).ToList();

    /// <summary>From now on every message to <paramref name="replyTo"/> fails to be stored, as with an outbox whose database refuses it.</summary>
    public void Refuse(string replyTo) => _refused[replyTo] = true;

    public Task<string> EnqueueAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        if (_refused.ContainsKey(message.ReplyTo))
        {
            throw new InvalidOperationException($"The outbox refuses messages to {message.ReplyTo}.");
        }

        _messages.Enqueue(message);
        return Task.FromResult($"recorded-{Interlocked.Increment(ref _next)}");
    }
}
