using System.Threading.Channels;

namespace HotlineDispatch.Silo.Storage;

public static class CommitQueue
{
    /// <summary>A <see cref="CommitQueue{TItem, TResult}"/> whose callers learn only that their item is durable.</summary>
    public static CommitQueue<TItem, ValueTuple> Of<TItem>(int mostPerCommit, Func<IReadOnlyList<TItem>, Task> commit) =>
        new(mostPerCommit, async batch =>
        {
            await commit(batch);
            return new ValueTuple[batch.Count];
        });
}

/// <summary>
/// Gathers what callers hand in while the previous commit runs and commits it together, at most
/// <paramref name="mostPerCommit"/> items at a time; each caller is answered with its item's result
/// once that commit is durable, or with the commit's failure. With a single writer per database, one
/// commit for many callers is what keeps a busy silo near the database's own commit rate.
/// </summary>
/// <param name="commit">Commits a batch and returns one result per item, in the batch's order.</param>
public sealed class CommitQueue<TItem, TResult>(int mostPerCommit, Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> commit)
    : IAsyncDisposable
{
    private readonly Channel<Queued> _queue = Channel.CreateUnbounded<Queued>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _start = new();
    private Task? _loop;

    /// <exception cref="ObjectDisposedException">The queue was disposed.</exception>
    public Task<TResult> EnqueueAsync(TItem item, CancellationToken cancellationToken = default)
    {
        lock (_start)
        {
            // The loop outlives its first caller: it must not carry that caller's async-local context (an Orleans
            // request context, a trace) into every later commit.
            using (ExecutionContext.SuppressFlow())
            {
                _loop ??= Task.Run(RunAsync, CancellationToken.None);
            }
        }

        var queued = new Queued(item);
        if (!_queue.Writer.TryWrite(queued))
        {
            throw new ObjectDisposedException(nameof(CommitQueue<TItem, TResult>));
        }

        return queued.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Commits what is queued; later items are refused.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        Task? loop;
        lock (_start)
        {
            loop = _loop;
        }

        await (loop ?? Task.CompletedTask);
    }

    private async Task RunAsync()
    {
        var batch = new List<Queued>(mostPerCommit);
        var items = new List<TItem>(mostPerCommit);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < mostPerCommit && _queue.Reader.TryRead(out var queued))
            {
                batch.Add(queued);
                items.Add(queued.Item);
            }

            try
            {
                var results = await commit(items);
                if (results.Count != batch.Count)
                {
                    throw new InvalidOperationException($"A commit of {batch.Count} items answered {results.Count} results.");
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                // Nothing of the batch is durable, so no caller is acknowledged.
                foreach (var queued in batch)
                {
                    queued.Done.TrySetException(ex);
                }
            }

            batch.Clear();
            items.Clear();
        }
    }

    private sealed record Queued(TItem Item)
    {
        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
