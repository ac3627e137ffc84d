using HotlineDispatch.Outbox;
using HotlineDispatch.Residents;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HotlineDispatch.Grid;

/// <summary>
/// One grid cell: the groups registered to it, the inbox of requests detected there, and the
/// counts behind its waiting times and self-resolution rate. A ticket's number is recorded on the
/// request before the ticket is accepted, so asking again after a failure finds the same ticket.
/// </summary>
public sealed class GridCellGrain(
    [PersistentState("grid-cell", StorageNames.Hotline)] IPersistentState<GridCellState> state,
    TicketIntake intake,
    IOutbox outbox,
    IOptions<GridOptions> options,
    [FromKeyedServices(HotlineTime.Key)] TimeProvider time) : Grain, IGridCellGrain
{
    private const int MaxHandled = 500;

    private string Cell => GridKeys.CellOf(this.GetPrimaryKeyString());

    public async Task AddGroup(GroupRegistration group)
    {
        state.State.Groups.RemoveAll(g => g.GroupId == group.GroupId);
        state.State.Groups.Add(group);
        await state.WriteOrForgetAsync(this);
    }

    public Task<IReadOnlyList<InboxItem>> OpenRequestsOf(string groupId) =>
        Task.FromResult<IReadOnlyList<InboxItem>>(Leaving(groupId).ToList());

    public async Task RemoveGroup(string groupId)
    {
        var leaving = Leaving(groupId).ToList();
        if (state.State.Groups.RemoveAll(g => g.GroupId == groupId) > 0 || leaving.Count > 0)
        {
            state.State.Inbox.RemoveAll(leaving.Contains);
            state.State.Collected -= leaving.Count;
            await state.WriteOrForgetAsync(this);
        }
    }

    /// <summary>A group's open requests, which move with it; one already being made into a ticket here is finished here.</summary>
    private IEnumerable<InboxItem> Leaving(string groupId) =>
        state.State.Inbox.Where(i => i.Group.GroupId == groupId && i.TicketId is null);

    public async Task Collect(InboxItem item)
    {
        if (Open(item.MessageId) is not null || Answered(item.MessageId) is not null)
        {
            return;
        }

        var max = options.Value.MaxInbox;
        if (state.State.Inbox.Count >= (item.Urgent ? max + max / 10 : max))
        {
            throw new InboxFullException(Cell, state.State.Inbox.Count);
        }

        state.State.Inbox.Add(item);
        state.State.Collected++;
        await state.WriteOrForgetAsync(this);
    }

    public Task<IReadOnlyList<InboxItem>> Inbox() =>
        Task.FromResult<IReadOnlyList<InboxItem>>(state.State.Inbox.OrderBy(i => i.ReceivedAt).ToList());

    public Task<IReadOnlyList<HandledRequest>> Handled() =>
        Task.FromResult<IReadOnlyList<HandledRequest>>(state.State.Handled.AsEnumerable().Reverse().ToList());

    public Task<GridCellStatus> Status()
    {
        var answered = state.State.Settled + state.State.Ticketed;
        return Task.FromResult(new GridCellStatus(
            Cell,
            state.State.Groups.ToList(),
            state.State.Inbox.Count,
            state.State.Inbox.Count == 0 ? null : state.State.Inbox.Min(i => i.ReceivedAt),
            state.State.Collected,
            state.State.Settled,
            state.State.Ticketed,
            answered == 0 ? null : state.State.WaitedSeconds / answered,
            state.State.SettledByOthers,
            state.State.Dismissed) { Patrolled = state.State.Patrolled });
    }

    public async Task<TicketSnapshot> MakeTicket(string messageId, TicketType? type, string? dispatch, Actor actor)
    {
        if (Earlier(messageId, h => h.TicketId is not null) is { } done)
        {
            return await GrainFactory.GetGrain<ITicketGrain>(done.TicketId!).Get();
        }

        var item = Open(messageId) ?? throw new InboxItemNotFoundException(Cell, messageId);
        if (item.TicketId is null)
        {
            item = Replace(item, item with { TicketId = await intake.ReserveNumberAsync() });
            await state.WriteOrForgetAsync(this);
        }

        var accept = new AcceptTicket(TicketChannel.Chat, new Caller(item.Message.SenderName, null, false), "", Cell,
            item.Message.Text, type ?? item.SuggestedType, item.Urgent)
        {
            SourceRef = item.MessageId,
            ReplyTo = item.ReplyTo,

            // The group hears the number from the cell's own reply below; the outbox must not repeat it.
            ReceiptInline = true,

            // In the accepting step, so the grid worker's choice is the dispatch and the router's never overrides it.
            Dispatch = dispatch is null ? null : new DispatchTicket(dispatch, [], null),
        };
        var ticket = await intake.AcceptAsAsync(item.TicketId!, accept, actor);

        // Queued before the request is marked answered: after a crash here the group may hear twice, never not at all.
        await outbox.EnqueueAsync(new OutboundMessage(item.ReplyTo, ResidentTexts.GroupTicket(item.Message.SenderName, ticket.Id), "receipt", ticket.Id));
        MarkAnswered(AnswerBy(actor, item, ticket.Id, null));
        state.State.Ticketed++;
        await state.WriteOrForgetAsync(this);
        return ticket;
    }

    public async Task<TicketSnapshot> Patrol(PatrolReport report, Actor actor)
    {
        var accept = new AcceptTicket(TicketChannel.Patrol, new Caller(actor.Name, null, false), report.Address, Cell, report.Content,
            report.Type, report.Urgent)
        {
            Dispatch = report.Dispatch is null ? null : new DispatchTicket(report.Dispatch, [], null),
        };
        var ticket = await intake.AcceptAsync(accept, actor);
        // Counted once the ticket is stored: a failure before leaves neither, one after the ticket without the count.
        state.State.Collected++;
        state.State.Patrolled++;
        await state.WriteOrForgetAsync(this);
        return ticket;
    }

    public async Task<HandledRequest> Settle(string messageId, string note, Actor actor)
    {
        if (Earlier(messageId, h => h.Settled) is { } done)
        {
            return done;
        }

        var item = Unticketed(messageId);
        var handled = AnswerBy(actor, item, null, note);
        await outbox.EnqueueAsync(new OutboundMessage(
            item.ReplyTo, ResidentTexts.GroupSettled(item.Message.SenderName, note, handled.ByGridWorker), "settled", null));
        MarkAnswered(handled);
        state.State.Settled++;
        if (!handled.ByGridWorker)
        {
            state.State.SettledByOthers++;
        }

        await state.WriteOrForgetAsync(this);
        return handled;
    }

    public async Task<HandledRequest> Dismiss(string messageId, string reason, Actor actor)
    {
        if (Earlier(messageId, h => h.Dismissed) is { } done)
        {
            return done;
        }

        var handled = AnswerBy(actor, Unticketed(messageId), null, reason) with { Dismissed = true };
        MarkAnswered(handled);
        state.State.Dismissed++;
        await state.WriteOrForgetAsync(this);
        return handled;
    }

    /// <summary>The earlier answer to a request answered this way before, or null; one answered another way is a conflict.</summary>
    private HandledRequest? Earlier(string messageId, Func<HandledRequest, bool> sameWay) =>
        Answered(messageId) is not { } done ? null
        : sameWay(done) ? done
        : throw new InboxItemHandledException($"Request {messageId} was already {done.Outcome}; it cannot also be answered another way.");

    /// <summary>An open request that no ticket is being made from, so it may be closed without one.</summary>
    private InboxItem Unticketed(string messageId)
    {
        var item = Open(messageId) ?? throw new InboxItemNotFoundException(Cell, messageId);
        return item.TicketId is null
            ? item
            : throw new InboxItemHandledException($"Ticket {item.TicketId} is being made from request {messageId}; ask for the ticket again to finish it.");
    }

    private HandledRequest AnswerBy(Actor actor, InboxItem item, string? ticketId, string? note) =>
        new(item, ticketId, note, actor.Name, time.GetUtcNow()) { HandledByRole = actor.Role };

    private void MarkAnswered(HandledRequest handled)
    {
        state.State.Inbox.Remove(handled.Item);
        state.State.Handled.Add(handled);
        if (state.State.Handled.Count > MaxHandled)
        {
            state.State.Handled.RemoveRange(0, state.State.Handled.Count - MaxHandled);
        }

        // Chatter waited for no answer: the average wait is the residents'.
        if (!handled.Dismissed)
        {
            state.State.WaitedSeconds += handled.Waited.TotalSeconds;
        }
    }

    private InboxItem Replace(InboxItem old, InboxItem updated)
    {
        state.State.Inbox[state.State.Inbox.IndexOf(old)] = updated;
        return updated;
    }

    private InboxItem? Open(string messageId) => state.State.Inbox.Find(i => i.MessageId == messageId);

    private HandledRequest? Answered(string messageId) => state.State.Handled.Find(h => h.Item.MessageId == messageId);
}
