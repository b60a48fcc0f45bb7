package org.socketplayground.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import org.junit.jupiter.api.Test;

class ObservableRowsTest {
    @Test
    void aRangeLeavesInOneChangeThatNamesWhatLeft() {
        ObservableRows<Integer> rows = new ObservableRows<>();
        rows.addAll(IntStream.range(0, 20).boxed().toList());
        FilteredList<Integer> even = new FilteredList<>(rows, n -> n % 2 == 0);
        List<String> changes = new ArrayList<>();
        even.addListener((ListChangeListener<Integer>) c -> {
            while (c.next()) {
                changes.add(c.getFrom() + " -" + c.getRemoved() + " +" + c.getAddedSubList());
            }
        });
        rows.remove(0, 7);
        assertEquals(List.of("0 -[0, 2, 4, 6] +[]"), changes);
        assertEquals(IntStream.range(7, 20).boxed().toList(), rows);
        assertEquals(List.of(8, 10, 12, 14, 16, 18), even);

        changes.clear();
        rows.subList(2, 4).clear();   // 9 and 10 leave
        rows.add(20);
        assertEquals(List.of("1 -[10] +[]", "5 -[] +[20]"), changes);
        rows.clear();
        assertEquals(List.of(), even);
    }
}
