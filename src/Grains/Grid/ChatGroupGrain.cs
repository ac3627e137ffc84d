using HotlineDispatch.Routing;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineDispatch.Grid;

/// <summary>
/// One resident chat group: its registration, a bounded log of recent messages, and the ids of
/// messages taken lately. Requests among the messages go to the cell's inbox before the message is
/// recorded here, so a crash in between leaves a retry that finds the request already collected.
/// </summary>
public sealed class ChatGroupGrain(
    [PersistentState("chat-group", StorageNames.Hotline)] IPersistentState<ChatGroupState> state,
    IMessageAnalyzer analyzer,
    [FromKeyedServices(HotlineTime.Key)] TimeProvider time) : Grain, IChatGroupGrain
{
    private const int MaxLog = 200;
    private const int MaxSeen = 2000;

    // Bridges retry within minutes; a day covers a bridge that was down for a while.
    public static readonly TimeSpan RememberFor = TimeSpan.FromDays(1);

    private string GroupId => GridKeys.GroupIdOf(this.GetPrimaryKeyString());

    public async Task<GroupRegistration> Register(string name, string gridCell)
    {
        var registration = new GroupRegistration(GroupId, name, gridCell);
        var previous = state.State.Registration;

        // The cells first and the registration last, and each request is in the new inbox before it leaves the old:
        // a move that fails half-way is repeated whole by the same PUT, and no request is lost or counted twice.
        await Cell(gridCell).AddGroup(registration);
        if (previous is not null && previous.GridCell != gridCell)
        {
            foreach (var request in await Cell(previous.GridCell).OpenRequestsOf(GroupId))
            {
                await Cell(gridCell).Collect(request with { Group = registration });
            }

            await Cell(previous.GridCell).RemoveGroup(GroupId);
        }

        state.State.Registration = registration;
        await state.WriteOrForgetAsync(this);
        return registration;
    }

    public Task<GroupRegistration?> GetRegistration() => Task.FromResult(state.State.Registration);

    public async Task<GroupDelivery> Receive(GroupMessage message)
    {
        if (state.State.Registration is not { } registration)
        {
            return GroupDelivery.NotRegistered;
        }

        if (state.State.Seen.Find(s => s.MessageId == message.MessageId) is { } seen)
        {
            return new GroupDelivery(true, seen.IsRequest);
        }

        var now = time.GetUtcNow();
        var analysis = await analyzer.AnalyzeAsync(message.Text, TicketChannel.Chat);
        // A danger cue (gas, fire, someone fallen) goes to the grid worker even when the wording reads like chatter:
        // a false alarm costs one settle, a missed gas leak far more.
        var isRequest = analysis.IsRequest || analysis.Urgent;
        if (isRequest)
        {
            await Cell(registration.GridCell).Collect(
                new InboxItem(registration, message, now, analysis.Department?.Code, analysis.Type, analysis.Urgent));
        }

        state.State.Log.Add(new GroupLogEntry(message, now, isRequest));
        state.State.Seen.Add(new SeenMessage(message.MessageId, now, isRequest));
        Trim(state.State.Log, MaxLog);
        state.State.Seen.RemoveAll(s => s.At < now - RememberFor);
        Trim(state.State.Seen, MaxSeen);
        await state.WriteOrForgetAsync(this);
        return new GroupDelivery(true, isRequest);
    }

    public Task<IReadOnlyList<GroupLogEntry>> RecentLog() => Task.FromResult<IReadOnlyList<GroupLogEntry>>(state.State.Log.ToList());

    public async Task<int> ForgetBefore(DateTimeOffset cutoff)
    {
        var dropped = state.State.Log.RemoveAll(e => e.ReceivedAt < cutoff);
        if (dropped > 0)
        {
            await state.WriteStateAsync();
        }

        return dropped;
    }

    private IGridCellGrain Cell(string cell) => GrainFactory.GetGrain<IGridCellGrain>(GridKeys.Cell(cell));

    private static void Trim<T>(List<T> list, int max)
    {
        if (list.Count > max)
        {
            list.RemoveRange(0, list.Count - max);
        }
    }
}
