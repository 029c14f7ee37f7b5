// Finding a customer three ways (card/account/customer id, name and birth date, driver's licence), one tab each.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LicenceFields, LookupBy, SearchItem, SearchQuery } from '../api/contract.ts';
import type { PosApi } from '../api/pos-api.ts';
import type { AccountStatus } from '../domain/account-status.ts';
import { useLanguage } from '../i18n/language-context.tsx';
import { Tabs } from '../ui/Tabs.tsx';
import { useRequest } from '../ui/use-request.ts';
import { LicenceScan } from './LicenceScan.tsx';
import { LookupForm } from './LookupForm.tsx';
import { EMPTY_SEARCH, searchFormFromLicence, SearchForm, type SearchFormValues } from './SearchForm.tsx';
import { SearchResults } from './SearchResults.tsx';

type TabId = 'lookup' | 'search' | 'licence';

export interface FindCustomerProps {
  api: PosApi;
  onOpen: (by: LookupBy, value: string, status?: AccountStatus) => void;
  /** A new search began: an earlier lookup's refusal no longer applies. */
  onSearchStarted: () => void;
}

export function FindCustomer({ api, onOpen, onSearchStarted }: FindCustomerProps) {
  const { t } = useLanguage();
  const [tab, setTab] = useState<TabId>('lookup');
  const [searchValues, setSearchValues] = useState<SearchFormValues>(EMPTY_SEARCH);
  const search = useRequest<SearchItem[]>();
  const heading = useRef<HTMLHeadingElement>(null);

  // Just signed in: the keyboard starts from here instead of from the top of the page.
  useEffect(() => heading.current?.focus(), []);

  const runSearch = (query: SearchQuery) => {
    onSearchStarted();
    return search.run(() => api.search(query));
  };

  const onLicence = (fields: LicenceFields) => {
    const values = searchFormFromLicence(fields);
    setSearchValues(values);
    // The associate sees the filled form and its results, and can correct a misread and search again.
    setTab('search');
    void runSearch({ first_name: values.firstName, last_name: values.lastName, dob: values.dob, postal_code: values.postalCode || undefined });
  };

  return (
    <section class="panel find" aria-labelledby="find-title">
      <h2 id="find-title" ref={heading} tabIndex={-1}>
        {t('find.title')}
      </h2>
      <Tabs
        label={t('find.tabs')}
        selected={tab}
        onSelect={(id) => setTab(id as TabId)}
        tabs={[
          { id: 'lookup', label: t('find.tab.lookup'), panel: <LookupForm onLookup={(by, value) => onOpen(by, value)} /> },
          {
            id: 'search',
            label: t('find.tab.search'),
            panel: (
              <>
                <SearchForm values={searchValues} onChange={setSearchValues} onSearch={runSearch} busy={search.busy} />
                <SearchResults
                  state={search}
                  onOpen={(item) =>
                    onOpen('account_number', String(item.account_number), { code: item.account_status, reason: item.account_status_reason_code })
                  }
                />
              </>
            ),
          },
          { id: 'licence', label: t('find.tab.licence'), panel: <LicenceScan api={api} onLicence={onLicence} /> },
        ]}
      />
    </section>
  );
}
