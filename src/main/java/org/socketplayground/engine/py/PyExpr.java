package org.socketplayground.engine.py;

import java.util.List;

/** The expressions {@link PyParser} reads. */
public sealed interface PyExpr {
    record Literal(PyValue value) implements PyExpr {
    }

    record Name(String name) implements PyExpr {
    }

    record Attr(PyExpr target, String name) implements PyExpr {
    }

    record Call(PyExpr function, List<PyExpr> args) implements PyExpr {
    }

    record Index(PyExpr target, PyExpr index) implements PyExpr {
    }

    record TupleExpr(List<PyExpr> items) implements PyExpr {
    }

    record ListExpr(List<PyExpr> items) implements PyExpr {
    }

    record Neg(PyExpr operand) implements PyExpr {
    }

    /** {@code lower:upper:step} inside brackets; a part left out is null. */
    record Slice(PyExpr lower, PyExpr upper, PyExpr step) implements PyExpr {
    }

    /** {@code name=value} among a call's arguments. */
    record Keyword(String name, PyExpr value) implements PyExpr {
    }

    record BinOp(String op, PyExpr left, PyExpr right) implements PyExpr {
    }
}
