using System.Collections.Concurrent;
using HotlineDispatch.Outbox;

namespace HotlineDispatch.Tests.Infrastructure;

/// <summary>
/// The test host's outbox until the real one (the channels issue's outbox) is merged: it records
/// every message a feature enqueues, so tests can see what residents would be sent.
/// </summary>
public sealed class RecordingOutbox : IOutbox
{
    private readonly ConcurrentQueue<OutboundMessage> _messages = new();
    private int _next;

    public IReadOnlyList<OutboundMessage> Messages => _messages.ToArray();

    public IReadOnlyList<OutboundMessage> To(string replyTo) => Messages.Where(m => m.ReplyTo == replyTo).ToList();

    public Task<string> EnqueueAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        _messages.Enqueue(message);
        return Task.FromResult($"recorded-{Interlocked.Increment(ref _next)}");
    }
}
