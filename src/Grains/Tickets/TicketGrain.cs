using System.Collections.Immutable;
using HotlineDispatch.Observability;
using Microsoft.Extensions.Logging;

namespace HotlineDispatch.Tickets;

/// <summary>
/// Owns one ticket: its identity, its durable state and its clocks. The rules live in <see cref="Ticket"/>.
/// The silo's <see cref="CardClock"/> wakes it at the exact second of its next card; a reminder set for
/// the same moment is the durable backstop that wakes it after a restart. Both end in <see cref="Reconcile"/>,
/// which records only cards not yet recorded, so a late, lost or repeated tick does no harm.
/// </summary>
public sealed class TicketGrain(
    [PersistentState("ticket", StorageNames.Hotline)] IPersistentState<TicketGrainState> state,
    TicketGrainServices services) : Grain, ITicketGrain, IRemindable
{
    private const string DeadlineReminder = "deadlines";

    // The reminder's repeat is only a retry for a tick that found nothing to do yet; the due time does the work.
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan ProjectionRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan NoticeRetry = TimeSpan.FromSeconds(10);

    private IGrainTimer? _noticeTimer;

    private Ticket Ticket => state.State.Ticket;

    private Ticket Existing => Ticket.Exists ? Ticket : throw new TicketNotFoundException(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Ticket.Exists)
        {
            RepeatedStrings.Share(Ticket);
            await CatchUp();
            ArmNoticeDelivery(TimeSpan.Zero);
        }
    }

    public async Task<TicketSnapshot> Execute(TicketCommand command, Actor actor)
    {
        var now = services.Time.GetUtcNow();

        // The step runs on a copy that replaces the ticket only when it succeeds: a refused step
        // leaves no trace, and cards that fell due meanwhile are recorded either way.
        var working = Ticket.Exists ? services.Copier.Copy(Ticket) : new Ticket(this.GetPrimaryKeyString());

        var seen = working.LastSeq;
        var cards = working.Exists ? working.RecordDueCards(now) : [];

        // Cards, and a review alert falling due, are history of their own that must be kept even when the step is refused.
        var woke = working.LastSeq > seen;
        try
        {
            if (command is MergeTicket merge)
            {
                working.EnsureCanMergeInto(merge.MasterId);
                await GrainFactory.GetGrain<ITicketGrain>(merge.MasterId).Execute(new AttachMerged(working.Id), actor);
            }

            working.Execute(command, actor, services.ContextAt(now));
        }
        catch when (woke)
        {
            Ticket.RecordDueCards(now);
            await Save();
            HotlineMetrics.Recorded(cards);
            throw;
        }

        RepeatedStrings.Share(working);
        state.State.Ticket = working;
        state.State.AddNotices(NoticesFor(command));
        await Save();
        HotlineMetrics.Recorded(cards);
        ArmNoticeDelivery(TimeSpan.Zero);
        return TicketSnapshot.Of(Ticket);
    }

    public async Task<TicketSnapshot> TakeMerged(string childId, Actor actor)
    {
        // The child attaches itself here while this turn waits for it: its call comes back along this call chain.
        using var attach = RequestContext.AllowCallChainReentrancy();
        return await GrainFactory.GetGrain<ITicketGrain>(childId).Execute(new MergeTicket(this.GetPrimaryKeyString()), actor);
    }

    public Task<TicketSnapshot> Get() => Task.FromResult(TicketSnapshot.Of(Existing));

    public Task<ImmutableArray<string>> Offer(ImmutableArray<string> steps, Actor actor, string? actingFor) =>
        Task.FromResult(TicketStepTrial.Allowed(Existing, steps, actor, actingFor, services.ContextAt(services.Time.GetUtcNow()), services.Copier.Copy));

    public Task Reconcile() => Ticket.Exists ? CatchUp() : Task.CompletedTask;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!Ticket.Exists || (Ticket.NextCardAt is null && state.State.Notices.Count == 0))
        {
            // Set by a projection that failed (below), or the read model lags after a restart: catch it up first.
            await Project();
            if (Ticket.LastSeq > state.State.ProjectedSeq)
            {
                return;
            }

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

        if (state.State.ReminderAt > services.Time.GetUtcNow())
        {
            // The card clock got there first and moved the reminder on: this tick belongs to the old aim.
            await CatchUp();
            return;
        }

        // The tick fired for an earlier plan; aim the reminder at the moment that matters now.
        state.State.ReminderAt = null;
        await CatchUp(forceSave: true);
    }

    private async Task CatchUp(bool forceSave = false)
    {
        var seen = Ticket.LastSeq;
        var cards = Ticket.RecordDueCards(services.Time.GetUtcNow());
        if (forceSave || Ticket.LastSeq > seen)
        {
            await Save();
            HotlineMetrics.Recorded(cards);
        }
        else
        {
            await Project();
            ScheduleWake();
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
        ScheduleWake();
    }

    /// <summary>
    /// Keeps one reminder at or before the next card. A later next card leaves an earlier reminder in
    /// place: it fires, finds nothing due, and is re-aimed, which costs less than a reminder write per step.
    /// A reminder whose moment has come is re-aimed by the save that records its card, so its own tick
    /// finds nothing to do and writes nothing: a card costs one state write, not two.
    /// </summary>
    private async Task AimReminder()
    {
        var now = services.Time.GetUtcNow();
        // Undelivered notices keep the reminder alive too, so a crash cannot strand them.
        var next = state.State.Notices.Count > 0 ? now + ReminderPeriod : Ticket.NextCardAt;
        var registered = state.State.ReminderAt;
        if (next is { } due && (registered is null || due < registered || registered <= now))
        {
            var dueTime = due - now;
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
            await services.Projection.ProjectAsync(TicketSnapshot.Of(Ticket), state.State.ProjectedSeq);
            state.State.ProjectedSeq = Ticket.LastSeq;
        }
        catch (Exception ex)
        {
            // The step itself is durable; the read model catches up on the retry timer, and on the reminder should
            // this silo die first: a step that leaves no clock running has no other reminder to wake it.
            services.Logger.LogWarning(ex, "Projecting ticket {TicketId} failed; retrying in {Delay}", Ticket.Id, ProjectionRetry);
            await KeepReminderForProjection();
        }
    }

    private async Task KeepReminderForProjection()
    {
        if (state.State.ReminderAt is not null)
        {
            return;
        }

        try
        {
            await this.RegisterOrUpdateReminder(DeadlineReminder, ReminderPeriod, ReminderPeriod);
        }
        catch (Exception ex)
        {
            services.Logger.LogWarning(ex, "No reminder for the projection of ticket {TicketId}; the retry timer alone is left", Ticket.Id);
        }
    }

    private void ScheduleWake()
    {
        var wakeAt = Ticket.NextCardAt;
        if (Ticket.LastSeq > state.State.ProjectedSeq)
        {
            var retry = services.Time.GetUtcNow() + ProjectionRetry;
            wakeAt = wakeAt is { } next && next < retry ? next : retry;
        }

        if (wakeAt is { } at)
        {
            services.Clock.WakeAt(Ticket.Id, at);
        }
        else
        {
            services.Clock.Forget(Ticket.Id);
        }
    }

    /// <summary>
    /// A master's answer, its withdrawal and its archiving reach every ticket merged into it, so each reporter hears
    /// the answer that stands. The step's own event is the last of the master's history, so its position numbers the notice.
    /// </summary>
    private IEnumerable<PendingNotice> NoticesFor(TicketCommand command)
    {
        TicketCommand? notice = command switch
        {
            ReplyTicket or ResolveNow => new MasterReplied(Ticket.Id, Ticket.Result!) { Department = Ticket.Lead, MasterSeq = Ticket.LastSeq },
            ReworkTicket or SurveyTicket { Rating: SurveyRating.Dissatisfied } => new MasterReplyWithdrawn(Ticket.Id, Ticket.LastSeq),
            CloseTicket or SurveyUnreachable when Ticket.State == TicketState.Closed => new MasterClosed(Ticket.Id),
            _ => null,
        };
        return notice is null ? [] : Ticket.MergedIds.Select(id => new PendingNotice(id, notice));
    }

    private void ArmNoticeDelivery(TimeSpan wait)
    {
        if (state.State.Notices.Count == 0 || _noticeTimer is not null)
        {
            return;
        }

        // Kept alive until delivered; outside the request, so hundreds of merged reports do not slow the reply.
        _noticeTimer = this.RegisterGrainTimer(DeliverNotices, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task DeliverNotices()
    {
        _noticeTimer?.Dispose();
        _noticeTimer = null;
        var delivered = new List<PendingNotice>();
        foreach (var pending in state.State.Notices.ToList())
        {
            try
            {
                await GrainFactory.GetGrain<ITicketGrain>(pending.TicketId).Execute(pending.Notice, Actor.System);
                delivered.Add(pending);
            }
            catch (Exception ex) when (ex is TicketConflictException or TicketNotFoundException)
            {
                // Already taken (a repeat after a crash) or no longer applicable: nothing more to do for it.
                services.Logger.LogInformation("Merged ticket {ChildId} of {MasterId} did not take {Notice}: {Reason}",
                    pending.TicketId, Ticket.Id, pending.Notice.GetType().Name, ex.Message);
                delivered.Add(pending);
            }
            catch (Exception ex)
            {
                services.Logger.LogWarning(ex, "Notice to merged ticket {ChildId} of {MasterId} failed; retrying in {Delay}",
                    pending.TicketId, Ticket.Id, NoticeRetry);
            }
        }

        if (delivered.Count > 0)
        {
            state.State.RemoveNotices(delivered);
            await Save();
        }

        ArmNoticeDelivery(NoticeRetry);
    }
}
