using HotlineDispatch.Tickets;

namespace HotlineDispatch.Platform;

/// <summary>
/// Keeps the ticket number reserved for an upstream number before the ticket is accepted under it, and then that the
/// accept is done: a push repeated after a crash at any point accepts under the same number, once.
/// </summary>
public sealed class UpstreamTicketGrain(
    [PersistentState("upstream-ticket", StorageNames.Hotline)] IPersistentState<UpstreamTicketGrain.Taken> state,
    TicketIntake intake) : Grain, IUpstreamTicketGrain
{
    public async Task<UpstreamIntake> Take(AcceptTicket command)
    {
        if (state.State.Answered && state.State.TicketId is { } answered)
        {
            return new UpstreamIntake(await GrainFactory.GetGrain<ITicketGrain>(answered).Get(), false);
        }

        if (state.State.TicketId is null)
        {
            state.State.TicketId = await intake.ReserveNumberAsync();
            await state.WriteOrForgetAsync(this);
        }

        var ticket = await intake.AcceptAsAsync(state.State.TicketId, command, Actor.Platform);
        state.State.Answered = true;
        await state.WriteOrForgetAsync(this);
        return new UpstreamIntake(ticket, true);
    }

    [GenerateSerializer, Alias("hotline.upstream-ticket.v1")]
    public sealed class Taken
    {
        [Id(0)] public string? TicketId { get; set; }
        [Id(1)] public bool Answered { get; set; }
    }
}
