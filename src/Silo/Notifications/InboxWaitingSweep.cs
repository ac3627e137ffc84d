using HotlineDispatch.Grid;
using HotlineDispatch.Notifications;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Notifications;

/// <summary>
/// Looks at the inbox of every cell that has contacts and tells them of each request waiting longer than
/// <see cref="NotificationOptions.InboxWaiting"/>. The notice's row id names the request, so the sweep may see it
/// again every minute, on every silo, and it is still written once.
/// </summary>
public sealed class InboxWaitingSweep(
    StaffContacts contacts, SqlStaffNotices notices, ReadModelDatabase database, IGrainFactory grains, NotificationOptions options,
    [FromKeyedServices(HotlineTime.Key)] TimeProvider time, ILogger<InboxWaitingSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var cells = contacts.GridCells.ToList();
        while (cells.Count > 0 && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.InboxSweep, time, stoppingToken);
                await SweepAsync(cells, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Looking for requests left waiting in the grid inboxes failed; trying again in {Delay}", options.InboxSweep);
            }
        }
    }

    public async Task SweepAsync(IEnumerable<string> cells, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var waiting = new List<StaffNotice>();
        foreach (var cell in cells)
        {
            var inbox = await grains.GetGrain<IGridCellGrain>(GridKeys.Cell(cell)).Inbox();
            waiting.AddRange(inbox.Where(i => now - i.ReceivedAt >= options.InboxWaiting).Select(i => StaffNotices.Waiting(cell, i, now - i.ReceivedAt)));
        }

        if (waiting.Count == 0)
        {
            return;
        }

        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await notices.WriteAsync(connection, transaction, waiting, now, batch: false);
        await transaction.CommitAsync(cancellationToken);
    }
}
