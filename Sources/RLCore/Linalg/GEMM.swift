@preconcurrency import COpenBLAS

/// C ← α · op(A) · op(B) + β · C for row-major Float32 matrices through OpenBLAS's
/// `cblas_sgemm`, where op(X) is X or Xᵀ. op(A) is m × k, op(B) is k × n, C is m × n; the
/// leading dimensions are the row strides of the stored matrices, so a block of columns of a
/// wider matrix can be used in place (the critic ensemble relies on this).
@inlinable
public func gemm(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
                 alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                 beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
    cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}

/// y ← α · op(A) · x + β · y for a row-major A (rows × columns) through `cblas_sgemv`.
@inlinable
public func gemv(transposeA: Bool = false, rows: Int, columns: Int, alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                 x: UnsafePointer<Float>, beta: Float = 0, y: UnsafeMutablePointer<Float>) {
    cblas_sgemv(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, Int32(rows), Int32(columns),
                alpha, a, Int32(lda), x, 1, beta, y, 1)
}

extension Matrix {
    /// op(self) · op(other) as a new matrix, where op transposes when asked.
    public func multiplied(by other: Matrix, transposingSelf: Bool = false, transposingOther: Bool = false) -> Matrix {
        let m = transposingSelf ? columns : rows
        let k = transposingSelf ? rows : columns
        let k2 = transposingOther ? other.columns : other.rows
        let n = transposingOther ? other.rows : other.columns
        precondition(k == k2, "inner dimensions differ: \(k) vs \(k2)")
        var result = Matrix(rows: m, columns: n)
        withUnsafeBufferPointer { a in
            other.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { c in
                    gemm(transposeA: transposingSelf, transposeB: transposingOther, m: m, n: n, k: k,
                         a: a.baseAddress!, lda: columns, b: b.baseAddress!, ldb: other.columns,
                         c: c.baseAddress!, ldc: n)
                }
            }
        }
        return result
    }
}
