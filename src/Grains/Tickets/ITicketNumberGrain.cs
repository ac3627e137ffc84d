namespace HotlineDispatch.Tickets;

/// <summary>Hands out the ticket sequence numbers of one day, unique across the cluster (one activation per day).</summary>
[Alias("hotline.ITicketNumberGrain")]
public interface ITicketNumberGrain : IGrainWithStringKey
{
    [Alias("Next")]
    Task<int> Next();
}
