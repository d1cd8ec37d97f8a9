/** The page as a drop target: a saved run (.json) dropped anywhere is drawn beside the live one. */
import { useState, type ReactNode } from 'react';
import { importRunFile } from './RunFiles';
import type { RunStore } from './runStore';

export function DropZone({ store, className, children }: { store: RunStore; className: string; children: ReactNode }) {
  const [dragging, setDragging] = useState(false);
  return (
    <div
      className={`${className} ${dragging ? 'dragging' : ''}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer.files[0];
        if (file) void importRunFile(store, file);
      }}
    >
      {children}
    </div>
  );
}
