using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Tests.Storage;

/// <summary>The words the keyword index holds of a ticket and asks of a keyword.</summary>
public sealed class TicketSearchWordsTests
{
    [Fact]
    public void A_text_holds_its_pairs_and_each_of_its_numbers_whole_and_with_the_characters_around_it_once()
    {
        var words = TicketSearch.TextWords("人民路12号3栋12室");
        // 民路 12 号; 2号 3 栋, where the run before is a character like any other; 3栋 12 室.
        Assert.Equal(["n12", "c6c118def" + "12" + "53f7", "n3", "c003253f7" + "3" + "680b", "c0033680b" + "12" + "5ba4"],
            words.Where(w => w[0] is 'n' or 'c'));
        Assert.Contains("00310032", words);
        Assert.Equal(words.Distinct().Count(), words.Length);
    }

    [Fact]
    public void A_keyword_holding_a_number_between_characters_is_looked_up_by_it_alone_and_with_them_when_two_come_before()
    {
        Assert.Equal(["c6c118def" + "12" + "53f7"], TicketSearch.KeywordWords("人民路12号"));
        Assert.Equal(["n12"], TicketSearch.KeywordWords("路12号"));
        Assert.Equal(TicketSearch.Grams("人民路12"), TicketSearch.KeywordWords("人民路12"));
        Assert.Equal(TicketSearch.Grams("12号"), TicketSearch.KeywordWords("12号"));
        Assert.Equal([true, false, false], new[] { "人民路12号", "路12号", "人民路" }.Select(TicketSearch.IsRare));
    }

    [Fact]
    public void A_telephone_or_identity_number_is_never_a_word_of_the_index_nor_asked_for()
    {
        var words = TicketSearch.IndexWords("请回电13812345678，身份证110101199003071234，住1502室", DateTimeOffset.UnixEpoch);
        Assert.DoesNotContain(words, w => w.Contains("13812345678") || w.Contains("1990") || w.Contains("123456"));
        Assert.Contains("n1502", words);
        Assert.Equal(TicketSearch.Grams("电13812345678，"), TicketSearch.KeywordWords("电13812345678，"));
    }

    [Fact]
    public void The_time_words_follow_the_utc_month_and_year_of_acceptance()
    {
        var words = TicketSearch.IndexWords("漏水", new DateTimeOffset(2027, 1, 1, 7, 59, 0, TimeSpan.FromHours(8)));
        Assert.Equal(["m202612", "y2026"], words[^2..]);
    }
}
