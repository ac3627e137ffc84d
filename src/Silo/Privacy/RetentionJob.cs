using HotlineDispatch.Grid;
using HotlineDispatch.Residents;
using HotlineDispatch.Tickets;
using HotlineDispatch.WeChat;

namespace HotlineDispatch.Silo.Privacy;

/// <summary>
/// One run of retention: erases the callers of tickets closed longer than <see cref="RetentionOptions.CallerAfterClose"/>
/// (through the ticket grains, keeping each ticket, its history and its measures), forgets old message records
/// and group-log messages, and purges the read model's rows past their periods. Every part only removes what is
/// due and not yet removed, so a repeated or interrupted run, on any silo, does no harm.
/// </summary>
public sealed class RetentionJob(
    RetentionOptions periods, SqlRetention sql, PersonalDataTables states, IGrainFactory grains,
    [FromKeyedServices(HotlineTime.Key)] TimeProvider time, ILogger<RetentionJob> logger)
{
    public const string Name = "retention";
    private const int Batch = 500;
    private static readonly Actor Retention = new("retention", "system");

    public async Task<IReadOnlyDictionary<string, int>> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await NoteEarlierClosesAsync(cancellationToken);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal) { ["callers"] = await EraseCallersAsync(now, cancellationToken) };
        foreach (var (name, count) in await sql.PurgeAsync(periods, now, cancellationToken))
        {
            counts[name] = count;
        }

        var messagesBefore = now - periods.Messages;
        counts["wechatMessages"] = await ForEachAsync(await states.StateKeysAsync("wechat-message", messagesBefore, cancellationToken),
            key => grains.GetGrain<IWeChatMessageGrain>(key).Forget());
        counts["smsMessages"] = await ForEachAsync(await states.StateKeysAsync("resident-message", messagesBefore, cancellationToken),
            key => grains.GetGrain<IResidentMessageGrain>(key).Forget());
        var groupMessages = 0;
        foreach (var group in await states.StateKeysAsync("chat-group", null, cancellationToken))
        {
            groupMessages += await grains.GetGrain<IChatGroupGrain>(group).ForgetBefore(now - periods.GroupLogs);
        }

        counts["groupMessages"] = groupMessages;
        logger.LogInformation("Retention removed {Counts}", string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
        return counts;
    }

    /// <summary>Tickets closed before the projection noted closes: their close is read once from their history.</summary>
    private async Task NoteEarlierClosesAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> unnoted;
        while ((unnoted = await sql.UnnotedClosedAsync(Batch, cancellationToken)).Count > 0)
        {
            foreach (var id in unnoted)
            {
                var history = (await grains.GetGrain<ITicketGrain>(id).Get()).History;
                await sql.NoteClosedAsync(id, (history.LastOrDefault(e => e.Action == TicketActions.Close) ?? history[^1]).At, cancellationToken);
            }
        }
    }

    private async Task<int> EraseCallersAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var erased = 0;
        IReadOnlyList<string> due;
        while ((due = await sql.CallersDueAsync(now - periods.CallerAfterClose, Batch, cancellationToken)).Count > 0)
        {
            foreach (var id in due)
            {
                // The read model's copies first, while the ticket still knows whose they are: a crash in between repeats both.
                var ticket = grains.GetGrain<ITicketGrain>(id);
                foreach (var needle in Needles(await ticket.Get()))
                {
                    await states.RedactTicketRowsAsync(id, needle, Ticket.ErasedMark, cancellationToken);
                }

                await ticket.Execute(new EraseCaller($"retention: closed longer than {periods.CallerAfterClose}"), Retention);
                await sql.CallerErasedAsync(id, now, cancellationToken);
                erased++;
            }
        }

        return erased;
    }

    /// <summary>The caller's number and reply address, as the read model may quote them.</summary>
    private static IEnumerable<string> Needles(TicketSnapshot ticket) =>
        new[] { PhoneNumbers.Canonical(ticket.Caller.Phone), ticket.ReplyTo is { } replyTo ? replyTo[(replyTo.IndexOf(':') + 1)..] : "" }
            .Where(n => n.Length >= 5).Distinct();

    private static async Task<int> ForEachAsync(IReadOnlyList<string> keys, Func<string, Task> forget)
    {
        foreach (var key in keys)
        {
            await forget(key);
        }

        return keys.Count;
    }
}
