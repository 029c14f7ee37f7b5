// Runs one API call at a time for a component: busy flag, last result or refusal, and late answers ignored.
import { useCallback, useRef, useState } from 'preact/hooks';
import { asApiFailure, type ApiFailure } from '../api/api-failure.ts';

export interface RequestState<T> {
  busy: boolean;
  result?: T;
  failure?: ApiFailure;
}

export function useRequest<T>() {
  const [state, setState] = useState<RequestState<T>>({ busy: false });
  const sequence = useRef(0);
  const run = useCallback(async (call: () => Promise<T>): Promise<T | undefined> => {
    const mine = ++sequence.current;
    setState((previous) => ({ ...previous, busy: true, failure: undefined }));
    try {
      const result = await call();
      if (mine === sequence.current) setState({ busy: false, result });
      return result;
    } catch (error) {
      // A call overtaken by a newer one says nothing: its answer is about a screen no longer shown.
      if (mine === sequence.current) setState({ busy: false, failure: asApiFailure(error) });
      return undefined;
    }
  }, []);
  const reset = useCallback(() => {
    sequence.current++;
    setState({ busy: false });
  }, []);
  return { ...state, run, reset };
}
