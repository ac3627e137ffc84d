using Microsoft.Extensions.DependencyInjection;
using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using Microsoft.Extensions.Logging;

namespace HotlineDispatch.Tickets;

/// <summary>
/// Owns one ticket: its identity, its durable state and its clocks. The rules live in <see cref="Ticket"/>.
/// A grain timer records cards at the exact second while the grain is active; a reminder set for the
/// same moment is the durable backstop that wakes it after a restart. Both end in <see cref="Reconcile"/>,
/// which records only cards not yet recorded, so a late, lost or repeated tick does no harm.
/// </summary>
public sealed class TicketGrain(
    [PersistentState("ticket", StorageNames.Hotline)] IPersistentState<TicketGrainState> state,
    [FromKeyedServices(HotlineTime.Key)] TimeProvider time,
    SlaPolicy sla,
    DepartmentCatalog departments,
    ITicketProjection projection,
    ILogger<TicketGrain> logger) : Grain, ITicketGrain, IRemindable
{
    private const string DeadlineReminder = "deadlines";

    // The reminder's repeat is only a retry for a tick that found nothing to do yet; the due time does the work.
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    // Timers longer than this are re-armed on the way; System.Threading timers cannot span 49 days anyway.
    private static readonly TimeSpan LongestTimer = TimeSpan.FromHours(12);

    private static readonly TimeSpan ProjectionRetry = TimeSpan.FromSeconds(5);

    private IGrainTimer? _timer;

    private Ticket Ticket => state.State.Ticket;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Ticket.Exists)
        {
            await CatchUp();
        }
    }

    public async Task<Ticket> Execute(TicketCommand command, Actor actor)
    {
        if (!Ticket.Exists)
        {
            Ticket.Id = this.GetPrimaryKeyString();
        }

        var now = time.GetUtcNow();
        var cards = Ticket.Exists ? Ticket.RecordDueCards(now) : [];
        try
        {
            if (command is MergeTicket merge)
            {
                Ticket.EnsureCanMergeInto(merge.MasterId);
                await GrainFactory.GetGrain<ITicketGrain>(merge.MasterId).Execute(new AttachMerged(Ticket.Id), actor);
            }

            Ticket.Execute(command, actor, new TicketContext(now, sla, departments));
        }
        catch when (cards.Count > 0)
        {
            await Save();
            throw;
        }

        await Save();
        await TellMergedTickets(command);
        return Ticket;
    }

    public Task<Ticket> Get() =>
        Ticket.Exists ? Task.FromResult(Ticket) : throw new TicketNotFoundException(this.GetPrimaryKeyString());

    public Task Reconcile() => Ticket.Exists ? CatchUp() : Task.CompletedTask;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!Ticket.Exists || Ticket.NextCardAt is null)
        {
            // Registered just before a crash that lost the state change, or left over: nothing to watch.
            var reminder = await this.GetReminder(reminderName);
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }

            if (state.State.ReminderAt is not null)
            {
                state.State.ReminderAt = null;
                await state.WriteStateAsync();
            }

            return;
        }

        // The tick fired for an earlier plan; aim the reminder at the moment that matters now.
        state.State.ReminderAt = null;
        await CatchUp(forceSave: true);
    }

    private async Task CatchUp(bool forceSave = false)
    {
        var cards = Ticket.RecordDueCards(time.GetUtcNow());
        if (forceSave || cards.Count > 0)
        {
            await Save();
        }
        else
        {
            await Project();
            ArmTimer();
        }
    }

    private async Task Save()
    {
        try
        {
            await AimReminder();
            await state.WriteStateAsync();
        }
        catch
        {
            // The step was not acknowledged, so its changes must not outlive this activation: the next
            // call reloads what is durable. That holds as much for a failed reminder registration
            // (the database is down) as for a failed write: either way the change is in memory only.
            DeactivateOnIdle();
            throw;
        }

        await Project();
        ArmTimer();
    }

    /// <summary>
    /// Keeps one reminder at or before the next card. A later next card leaves an earlier reminder in
    /// place: it fires, finds nothing due, and is re-aimed, which costs less than a reminder write per step.
    /// </summary>
    private async Task AimReminder()
    {
        var next = Ticket.NextCardAt;
        var registered = state.State.ReminderAt;
        if (next is { } due && (registered is null || due < registered))
        {
            var dueTime = due - time.GetUtcNow();
            await this.RegisterOrUpdateReminder(DeadlineReminder, dueTime > TimeSpan.Zero ? dueTime : TimeSpan.Zero, ReminderPeriod);
            state.State.ReminderAt = due;
        }
        else if (next is null && registered is not null)
        {
            var reminder = await this.GetReminder(DeadlineReminder);
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }

            state.State.ReminderAt = null;
        }
    }

    private async Task Project()
    {
        if (Ticket.LastSeq <= state.State.ProjectedSeq)
        {
            return;
        }

        try
        {
            await projection.ProjectAsync(Ticket, state.State.ProjectedSeq);
            state.State.ProjectedSeq = Ticket.LastSeq;
        }
        catch (Exception ex)
        {
            // The step itself is durable; the read model catches up on the retry timer or the next activation.
            logger.LogWarning(ex, "Projecting ticket {TicketId} failed; retrying in {Delay}", Ticket.Id, ProjectionRetry);
        }
    }

    private void ArmTimer()
    {
        _timer?.Dispose();
        _timer = null;
        var projectionPending = Ticket.LastSeq > state.State.ProjectedSeq;
        if (Ticket.NextCardAt is null && !projectionPending)
        {
            return;
        }

        var wait = Ticket.NextCardAt is { } next ? next - time.GetUtcNow() : LongestTimer;
        if (projectionPending && wait > ProjectionRetry)
        {
            wait = ProjectionRetry;
        }

        wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestTimer ? LongestTimer : wait;
        _timer = this.RegisterGrainTimer(() => CatchUp(), new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan));
    }

    /// <summary>A master's reply and archiving reach every ticket merged into it, so each reporter hears back.</summary>
    private async Task TellMergedTickets(TicketCommand command)
    {
        TicketCommand? notice = command switch
        {
            ReplyTicket when Ticket.MergedIds.Count > 0 => new MasterReplied(Ticket.Id, Ticket.Result!),
            CloseTicket when Ticket.MergedIds.Count > 0 => new MasterClosed(Ticket.Id),
            _ => null,
        };
        if (notice is null)
        {
            return;
        }

        foreach (var childId in Ticket.MergedIds)
        {
            try
            {
                await GrainFactory.GetGrain<ITicketGrain>(childId).Execute(notice, Actor.System);
            }
            catch (Exception ex) when (ex is TicketConflictException or TicketNotFoundException)
            {
                logger.LogWarning(ex, "Merged ticket {ChildId} of {MasterId} did not take {Notice}", childId, Ticket.Id, notice.GetType().Name);
            }
        }
    }
}
