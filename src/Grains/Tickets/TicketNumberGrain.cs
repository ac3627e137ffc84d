namespace HotlineDispatch.Tickets;

/// <summary>
/// Reserves numbers in blocks so most tickets cost no write here; a restart skips the rest of the
/// reserved block, which leaves a gap but never a duplicate.
/// </summary>
public sealed class TicketNumberGrain(
    [PersistentState("ticket-numbers", StorageNames.Hotline)] IPersistentState<TicketNumberGrain.Reservation> reservation)
    : Grain, ITicketNumberGrain
{
    private const int BlockSize = 100;
    private int _next;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _next = reservation.State.ReservedUpTo + 1;
        return Task.CompletedTask;
    }

    public async Task<int> Next()
    {
        if (_next > reservation.State.ReservedUpTo)
        {
            var durable = reservation.State.ReservedUpTo;
            reservation.State.ReservedUpTo = _next + BlockSize - 1;
            try
            {
                await reservation.WriteStateAsync();
            }
            catch
            {
                // A block that is not durable must not be handed out: after a restart the numbers in
                // it would be given again. The write may also have landed with its answer lost, so
                // the next call starts over from what storage holds.
                reservation.State.ReservedUpTo = durable;
                DeactivateOnIdle();
                throw;
            }
        }

        return _next++;
    }

    [GenerateSerializer, Alias("hotline.ticket-number-reservation.v1")]
    public sealed class Reservation
    {
        [Id(0)] public int ReservedUpTo { get; set; }
    }
}
